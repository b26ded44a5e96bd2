"""Geography for the incident map: districts, boundaries, base tiles and the folium map."""
