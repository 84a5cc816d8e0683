import express, { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../fhir/parse-input.ts';
import type { HealthRecord } from '../record/record.ts';
import type { NotificationRepository } from '../store/port.ts';
import { signedInActor } from './fhir-request.ts';

const readInput = z.object(
  { ids: z.array(z.uuid('Each notification is named by its id.'), { error: 'Say which notifications, as a list of ids.' }).min(1).max(200) },
  { error: 'Send the details as a JSON object.' },
);

/**
 * GET /notifications: what the signed-in person has been told, newest first, about her own record
 * and the records she is a carer for (only while she may still see them). POST /notifications/read
 * marks some as read.
 */
export function createNotificationRouter(deps: { notifications: NotificationRepository; record: HealthRecord; bodyLimitBytes: number; clock: () => Date }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const actor = signedInActor(res);
    if (actor.kind !== 'person') return void res.set('Cache-Control', 'no-store').json({ notifications: [] });
    const mine = await deps.notifications.listNotifications(actor.accountId, 100);
    const records = [...new Set(mine.map((n) => n.patientId))];
    const visible = new Set((await Promise.all(records.map(async (id) => ((await deps.record.maySee(actor, id)) ? id : undefined)))).filter(Boolean));
    res.set('Cache-Control', 'no-store').json({
      notifications: mine
        .filter((n) => visible.has(n.patientId))
        .map((n) => ({ id: n.id, patient: `Patient/${n.patientId}`, kind: n.kind, text: n.text, createdAt: n.createdAt, read: n.readAt !== undefined })),
    });
  });
  router.post('/read', express.json({ limit: deps.bodyLimitBytes }), async (req, res) => {
    const actor = signedInActor(res);
    const input = parseInput(readInput, req.body);
    if (actor.kind === 'person') await deps.notifications.markNotificationsRead(actor.accountId, input.ids, deps.clock().toISOString());
    res.status(204).end();
  });
  return router;
}
