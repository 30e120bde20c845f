"""The import of Word files: what a typed document must give back."""
