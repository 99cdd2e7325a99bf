"""The rules: one ``@rule`` unit each (``registry``), grouped by family in modules that import
only the registry, the context and the packages below them, never each other.
"""
