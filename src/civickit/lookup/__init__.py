"""civickit.lookup.facade"""
