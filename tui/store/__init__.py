"""What is kept on disk and how: the config, the corpus folders, paths, state, atomic writes, YAML
with limits.
"""
