"""BERT-family models: the sentence encoder and (later) fine-tuned classifiers.

No Django here. torch and transformers are imported inside this package only, and callers
import it lazily so that web processes never load them.
"""
