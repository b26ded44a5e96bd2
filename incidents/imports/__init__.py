"""Turn other people's files (ACLED, UCDP GED, GTD, plain sheets) into canonical incidents."""
