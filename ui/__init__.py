"""Streamlit-side glue: caching wrappers, sidebar widgets, shared panels. Pages stay thin."""
