"""civickit.materials"""
