# Takeout & Table in one image: gunicorn serves both the static files and Django.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app

# Requirements first: this layer is reused until requirements.txt changes.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Hashed, compressed assets and the compressed pages are made once, at build time.
RUN python manage.py collectstatic --noinput --verbosity 0 \
    && python manage.py build_pages

RUN useradd --system --no-create-home app \
    && mkdir /data \
    && chown app /data
USER app
VOLUME ["/data"]
EXPOSE 8000

CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn -c gunicorn.conf.py config.wsgi"]
