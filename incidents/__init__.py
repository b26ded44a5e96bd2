"""The incidents core: schema, loading and validation, filters, aggregation, export.

Never imports streamlit, so every function here runs in a test or a notebook.
"""
