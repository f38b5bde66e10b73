# The product's image for containers (compose.yaml): one image, run as a worker
# (`npm run worker`), an API (`npm run api`) or the migration job (`npm run migrate`).
# The workflow code is bundled at build time (WORKFLOW_BUNDLE_PATH), so a worker starts
# without webpack. Nothing here is needed for `npm start`, which runs without containers.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run bundle -- /app/dist/workflow-bundle.js
# The web app the API serves at / (no source maps: scripts/web-build.ts refuses them).
RUN npm run web:build
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    HOST=0.0.0.0 \
    LOG_FORMAT=json
USER node
EXPOSE 3000 9464
CMD ["npm", "run", "api"]
