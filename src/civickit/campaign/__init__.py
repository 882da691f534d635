"""civickit.campaign.model"""
