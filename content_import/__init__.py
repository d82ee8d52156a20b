"""YAML documents to pages, snippets and translations: import_content, demo.

One loader (loader.py), used by import_content and load_demo_content.
"""
