"""wagtail-localize: translators' submissions, machine translation, PO files, status."""
