"""Translation with wagtail-localize: the translator's submissions, machine
translation, PO files and translation status.
"""
