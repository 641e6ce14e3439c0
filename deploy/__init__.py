"""Running the atlas as several processes behind nginx (``make cluster N=2``).

See ``deploy/cluster.py`` and the README section "Many users at once".
"""
