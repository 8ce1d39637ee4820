"""How many 300-word drafts the tone checker reads per second.

Run: ``.venv/bin/python benchmarks/bench_tone.py``. Needs no Django settings and no server: the
checker is pure Python. The live panel calls it on every debounced keystroke, so it should manage
thousands of drafts per second. Drafts per second are counted against the process's CPU time (the
loop's clock overhead included); the median is wall-clock time per draft.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helsocial.tone.checker import DEFAULT_LISTS, CheckContext, check_text

SENTENCES = (
    "Nu är sommarlovet här och vi har samlat aktiviteter för barn och unga i hela Helsingborg.",
    "Du kan prova på segling, klättring och konst helt gratis under juli och augusti.",
    "Anmäl dig senast fredag den 14 juni på helsingborg.se/sommarlov.",
    "Biblioteket på Stadsbiblioteket har öppet som vanligt, t.ex. på lördagar mellan klockan tio och fyra.",
    "Vi vill gärna höra vad du tycker om den nya parken vid Fredriksdal.",
    "Tyck till i vår enkät innan den sista augusti, det tar bara fem minuter.",
    "Har ni frågor om bygglov kan ni alltid kontakta kontaktcenter på 042-10 50 00.",
    "Eldningsförbudet gäller från och med i dag i hela kommunen på grund av torkan.",
    "Tänk på att grillning på allmänna platser inte är tillåten så länge förbudet gäller 🔥.",
    "Vi på miljöförvaltningen vill påminna om att sortera matavfallet i den bruna påsen.",
    "Sorteringen gör stor skillnad för klimatet och för våra återvinningscentraler.",
    "Möt vårdhunden Chili, en av stadens superhjältar som besöker äldreboenden varje vecka 🐶.",
    "Chili träffar bl.a. personer med demens och gör dagen lite ljusare för många.",
    "Ett hej kan rädda liv – känner du till vänskapsbänkarna i stadsparken?",
    "Sätt dig på en vänskapsbänk om du vill prata med någon, så slår sig någon ner bredvid dig.",
    "Skolstarten närmar sig och vi har samlat allt du behöver veta om skolskjuts, matsedlar m.m.",
    "Läs mer om skolskjuts och hur du ansöker på vår webbplats.",
    "Under vintern plogar vi ca 500 kilometer gator och cykelvägar när snön kommer 🙂.",
    "Cykelvägarna plogas först eftersom många cyklar till skolan och jobbet även på vintern.",
    "Stadsbyggnadsförvaltningen informerar om att Drottninggatan stängs av för trafik under helgen.",
    "Bussarna leds om via Järnvägsgatan och hållplatserna flyttas tillfälligt.",
    "Vill du jobba hos oss? Just nu söker vi sjuksköterskor, lärare och undersköterskor.",
    "Sök jobbet senast den 30 september och berätta gärna varför du vill arbeta i Helsingborg.",
    "Kulturnatten bjuder på musik, dans och utställningar på över fyrtio platser i staden 🎉.",
    "Programmet hittar du på helsingborg.se/kulturnatten, osv. så håll utkik efter nyheter.",
    "Vi textar alla våra filmer så att alla kan ta del av innehållet, även utan ljud.",
    "Hamnen har fått en ny brygga där du kan bada hela sommaren, dvs. från juni till augusti.",
    "Badvattnet provtas varje vecka och resultaten publiceras på vår webbplats.",
    "Asså, det här är najs: en ny lekplats med vattenlek öppnar i Slottshagen 🙏.",
    "Lekplatsen är byggd för att barn med olika funktionsvariationer ska kunna leka tillsammans.",
    "Återvinningscentralen vid Ödåkra har nya öppettider fr.o.m. den första oktober.",
    "Du som vill lämna grovavfall behöver inte längre boka tid i förväg.",
    "Trafiksäkerheten runt skolorna är viktig, sänk farten och håll utkik efter barnen.",
    "Vi har satt upp nya skyltar och blinkande lampor vid sju skolor i år.",
    "Har du sett en trasig gatlykta? Felanmäl den enkelt i vår app eller på webben.",
    "Sfi-undervisningen startar igen i augusti och du anmäler dig via vuxenutbildningen.",
    "Äldre som behöver hjälp med inköp kan få stöd av våra frivilliga under hela året.",
    "Stadsparken fylls av blommor i maj och trädgårdsmästarna har planterat tusentals tulpaner 🌷.",
    "Under hösten bygger vi om Hälsovägen och arbetet pågår t.o.m. december.",
    "Följ oss gärna för fler tips om vad som händer i Helsingborg den här veckan 👀.",
)


def build_drafts(count: int = 50, words: int = 300, seed: int = 4) -> list[str]:
    """Deterministic drafts of about ``words`` words, each a different shuffle of the sentences."""
    rng = random.Random(seed)
    drafts = []
    for _ in range(count):
        chosen: list[str] = []
        total = 0
        while total < words:
            sentence = rng.choice(SENTENCES)
            chosen.append(sentence)
            total += len(sentence.split())
        drafts.append(" ".join(chosen))
    return drafts


def main() -> None:
    drafts = build_drafts()
    context = CheckContext(kind="draft", media_type="image", objective="activate")
    check_text(drafts[0], context=context, lists=DEFAULT_LISTS)  # compile the patterns
    timings: list[float] = []
    clock = time.perf_counter
    deadline = clock() + 2.0
    cpu_started = time.process_time()
    index = 0
    while clock() < deadline:
        draft = drafts[index % len(drafts)]
        started = clock()
        check_text(draft, context=context, lists=DEFAULT_LISTS)
        timings.append(clock() - started)
        index += 1
    cpu_seconds = time.process_time() - cpu_started
    # Throughput by this process's CPU time, so a busy shared machine does not halve the figure; the
    # median is wall-clock time per draft, what the live panel waits.
    per_second = len(timings) / cpu_seconds
    median_ms = statistics.median(timings) * 1000
    print(f"tone checker: {per_second:,.0f} drafts/s (300 words), median {median_ms:.2f} ms per draft")


if __name__ == "__main__":
    main()
