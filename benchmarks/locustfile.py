"""One page, over and over, as a logged-in person: bench_load.py runs locust on this file once per
page. BENCH_PATH is the page, BENCH_SESSION the person's session cookie."""

import os

from locust import FastHttpUser, constant, task


class PageReader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.path = os.environ["BENCH_PATH"]
        self.headers = {"Cookie": f"sessionid={os.environ['BENCH_SESSION']}"}

    @task
    def read(self) -> None:
        with self.client.get(self.path, headers=self.headers, catch_response=True) as response:
            # A redirect to the login page would be fast and wrong: only the page itself counts.
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
