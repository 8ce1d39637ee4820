"""The monthly report: its figures (`data`), its downloads (`export`) and who may read which one
(`access`). The page (metrics/views_reports.py) and the e-mail read the same `Report`."""
