"""Reading the roadmaps, passports, orders and project plans people already keep in Word and
Excel back into roadmapdocs data (``roadmapdocs import``)."""
