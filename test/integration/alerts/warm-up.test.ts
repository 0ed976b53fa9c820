import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUpAlerts } from '../../../src/app/alerts/warm-up.js';
import { warmUpDelivery } from '../../../src/delivery/warm-up.js';
import { openAlertsHarness, type AlertsHarness } from './harness.js';

describe('warming up the alerts and delivery workers', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
  });
  afterAll(async () => h?.close());

  it('writes no row, queues no job and sends nothing', async () => {
    const count = async () => ({
      alerts: await h.db.prisma.alert.count(),
      events: await h.db.prisma.alertEvent.count(),
      recipients: await h.db.prisma.alertRecipient.count(),
      deliveries: await h.db.prisma.delivery.count(),
      settings: await h.db.prisma.setting.count(),
      alertJobs: Object.values(await h.alertsQueue.getJobCounts()).reduce((a, b) => a + b, 0),
      deliveryJobs: Object.values(await h.deliveryQueue.getJobCounts()).reduce((a, b) => a + b, 0),
    });
    const before = await count();
    await warmUpAlerts(h.deps, 4);
    await warmUpDelivery(h.repos.deliveries, 4);
    expect(await count()).toEqual(before);
    expect(h.fake.calls).toHaveLength(0);
  });
});
