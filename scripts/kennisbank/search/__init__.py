"""Site search: what Pagefind reads of each page (text, filters, Dutch word forms) and the bundle its own command makes."""
