"""Training-time code for the utterance coder (needs the `train` extra: numpy, scipy,
scikit-learn). Nothing here is imported by the app."""
