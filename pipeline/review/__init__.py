"""What reviewers read: the Chinese summary, the HTML page and the Markdown view.

:mod:`.summary` writes the summary from the record alone (headline numbers by
:mod:`.headlines`, sources of every number by :mod:`.number_sources`, checks
in words by :mod:`.check_words`); :mod:`.html_page` and :mod:`.markdown`
render a whole record, with the standard form's printed labels from
:mod:`pipeline.tables.form_labels`.
"""
