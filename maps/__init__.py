"""Drawing incidents on a folium map: base map, layers, legend, tiles and the escaping they need.

Sits on both geo/ (boundaries) and incidents/ (event types and colours); neither imports it.
"""
