import type { AuditRecord } from '@kredo/identity';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

export const auditEventView = named(
  'AuditEvent',
  Joi.object({
    id: Joi.string().required().description('Ascending in the order events were recorded'),
    at: instant.required(),
    type: Joi.string().required().description('What happened: `api_client.created`, `api_client.revoked` …'),
    actorId: Joi.string().allow(null).required().description('Who did it: a user or API client (`sub`)'),
    subjectId: Joi.string().allow(null).required().description('What it was done to: a client id, a user'),
    ip: Joi.string().allow(null).required().description('The address the request came from, as core saw it'),
    details: Joi.object().unknown(true).required().description('More, by type'),
  }),
);

export function presentAuditEvent(event: AuditRecord) {
  return {
    id: event.id,
    at: event.at.toISOString(),
    type: event.type,
    actorId: event.actorId,
    subjectId: event.subjectId,
    ip: event.ip,
    details: event.details,
  };
}
