# CityBot: python -m bot run, as a non-root user, with the store on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CITYBOT_DB=/data/citybot.json

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . && useradd --create-home --uid 10001 citybot && mkdir -p /data && chown citybot /data

USER citybot
VOLUME ["/data"]
# Webhook mode listens here (set CITYBOT_WEBHOOK_URL); polling mode needs no port.
EXPOSE 8443

# Healthy when the store opens and answers a question; a broken store or install fails it.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 \
    CMD python -m bot ask "how many cities do you know" > /dev/null || exit 1

# SIGTERM (docker stop) ends polling cleanly: the update in hand and the notification in flight finish.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
