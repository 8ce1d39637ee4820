"""The tone checker: the guideline's "Tonalitet" as live feedback (Django app label ``tone``).

The engine is pure Python, no Django: ``checker.py`` is its public face (``check_text`` and the
types; the rule table is in its docstring), built from ``lix.py`` (what a word and a sentence are,
LIX and its bands), ``rules.py`` (one function per rule), ``patterns.py`` (the lists compiled once
per ``ToneLists``), ``lists.py`` (``ToneLists`` and the starting ``DEFAULT_*`` lists),
``messages.py`` (the guideline sentences and the Swedish texts of the findings) and ``report.py``
(``CheckContext``, ``Finding``, ``ToneReport``).

Around it: the word lists as data AKN edits (``models.py``, seeded from ``lists.DEFAULT_*``), the
cached ``selectors.tone_lists()``, their writes (``services.py``), what the panel shows
(``panel.py``, ``forms.py``) and ``manage.py check_text``. Like all of ``helsocial/`` this knows no
domain app: the pages (Språkgranskning, the live panel endpoint ``tone:panel``, AKN's list pages)
are ``accounts/views_tone.py`` and ``accounts/urls_tone.py``, since who may see them is the access
layer's decision.

Embedding the live panel in a form
----------------------------------
Put the include beside the text field, *inside* the ``<form>``::

    {% include "tone/_panel_container.html" with kind="draft" field="draft_text" %}

* ``kind`` is ``"draft"`` (the calendar's booking form), ``"reply"`` (a reply in a comment queue:
  personal data is then a blocking finding) or ``"free"``. Without it, a form field named
  ``kind`` decides.
* ``field`` is the ``name`` of the text field (default ``"text"``); the panel listens to the element
  with id ``id_<field>`` (Django's default), or to ``field_id="…"`` if given.
* The textarea needs no htmx attributes. Give it ``aria-describedby="tone-panel"`` so screen readers
  connect it with the feedback. The panel's element has the id ``tone-panel``: one panel per page.

The include renders ``<section id="tone-panel">`` with ``hx-post`` to ``tone:panel``,
``hx-include="closest form"`` and ``hx-trigger="load, input changed delay:400ms from:#id_<field>,
change from:closest form"``: it checks once when the page loads, 400 ms after the text stops
changing, and whenever another field of the form changes. The endpoint reads, from the posted form,
the text (the field named by ``text_field``, which the include sends) and the context fields by the
booking form's names: ``media_type`` (``none``/``text``, ``image``, ``video``, ``carousel``,
``link``), ``objective`` (``inform``, ``activate``, ``engage``), ``link``, and the checkboxes
``captions_confirmed``, ``rights_confirmed``, ``consent_confirmed``. Unknown values read as none;
nothing the form sends can make it fail. The response (``templates/tone/_panel.html``) is swapped
into the panel's ``aria-live="polite"`` region. Texts longer than ``panel.MAX_PANEL_CHARS`` get a
message instead of a check.

Stopping a text
---------------
Only one rule blocks: personal data in a reply. The service that publishes a reply calls
``services.reply_require_publishable(text=…)``, which raises ``ValidationError`` with the findings'
messages. Drafts are never refused by the checker: all its booking findings are warnings.
"""
