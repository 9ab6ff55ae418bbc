"""Ways in for contributors: the case template, `kennisbank new-case` and the 'Casus aandragen' issue form."""
