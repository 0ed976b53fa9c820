import { defineConfig } from 'prisma/config';

/**
 * Prisma 7 configuration. The datasource URL is only needed by the Prisma CLI on a machine
 * with internet; this project applies its committed migrations with `npm run db:migrate`.
 */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/pulse' },
});
