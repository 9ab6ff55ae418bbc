"""Ways in for contributors: the case template, `kennisbank new-case`, the 'Casus aandragen' issue form and the replies on GitHub."""
