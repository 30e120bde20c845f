"""Built-in templates of roadmapdocs, one folder per level and document (school/order, …)."""
