"""Geography: districts and their spellings, places and geocoding, boundaries, distances.

The lowest layer: it imports nothing else of the project (incidents/, maps/ and the
pages build on it), and it holds the project's base error (geo.errors.ProjectError).
"""
