# One image for web, workers and beat; the command differs per service (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
WORKDIR /app

RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

# The CPU wheel of torch by default; build with --build-arg TORCH_SPEC="torch==2.13.0" and a
# CUDA index for GPU workers.
ARG TORCH_SPEC="torch==2.13.0"
RUN pip install "${TORCH_SPEC}"

COPY pyproject.toml README.md ./
COPY conference conference
COPY talks talks
COPY scheduling scheduling
COPY modeldemo modeldemo
RUN pip install .
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput

RUN useradd --create-home app && mkdir -p /app/var /app/media && chown -R app /app/var /app/media
USER app
EXPOSE 8000
CMD ["gunicorn", "conference.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--limit-request-line", "8190"]
