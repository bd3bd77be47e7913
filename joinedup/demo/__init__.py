"""The demo: two partnerships from the seed papers (Herefordshire and Chorley), loaded by
`joinedup demo`. A plain package, not a Django app: it has no models of its own."""
