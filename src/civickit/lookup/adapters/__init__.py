"""Geocoders and directories of officials, built-in and from plugins."""
