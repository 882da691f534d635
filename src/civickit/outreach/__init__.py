"""civickit.outreach"""
