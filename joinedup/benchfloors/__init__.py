"""The floors a load benchmark measures pages against (bench/load.py).

Served only when JOINEDUP_BENCH_FLOORS=1 (config/urls.py); never part of the product.
"""
