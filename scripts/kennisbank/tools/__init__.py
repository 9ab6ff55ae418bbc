"""Tools for the people who keep the platform: the benchmark and its synthetic cases, the link check, search measurements."""
