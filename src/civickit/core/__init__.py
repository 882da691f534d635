"""The shared vocabulary: districts, ZIPs, states, office words, officials, chambers and titles,
vacancies, dates. Imports nothing of civickit's but ``civickit.errors``."""
