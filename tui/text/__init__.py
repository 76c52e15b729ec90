"""Text as the core reads it: the one analysis (words, stems, sentences), highlight spans, the
literal rule.
"""
