"""The model registry (ModelVersion) arrives with the BERT pipeline issue.

Predictions live in talks.Prediction, written through talks.services.record_prediction.
"""
