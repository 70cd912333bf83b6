"""The public incident map: violation groups, server-side clustering, folium page building."""
