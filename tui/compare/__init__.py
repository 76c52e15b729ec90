"""Two articles side by side: the alignment, what a sentence states, and a briefing's disputed
facts.
"""
