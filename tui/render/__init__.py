"""What the command line and the app both draw with Rich."""
