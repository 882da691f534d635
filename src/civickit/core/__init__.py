"""civickit.core"""
