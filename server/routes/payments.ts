import type { FastifyInstance } from 'fastify';
import { getService } from '@shared/catalogue/index';
import { apiRoutes } from '@shared/api/routes';
import { sendError } from '../http-error';
import { evaluatePayment } from '../payments/evaluate';
import { recordPaymentCheck, type CheckDeps } from '../register/checks';
import { serveRoute } from '../route';

/**
 * POST /v1/payments/check: the desk asks the payment gateway (reference: the payments table) whether the
 * evidence the applicant brought is a real, sufficient payment. With `applicationId` (a fee due after the
 * decision) the outcome is also recorded on that application and reaches the centre through the checks feed.
 */
export function registerPaymentRoutes(app: FastifyInstance, deps: CheckDeps) {
  serveRoute(app, apiRoutes.paymentCheck, async (request, reply, { body }) => {
    let service;
    try {
      service = getService(body.serviceId);
    } catch {
      return sendError(reply, 422, 'register:payment.invalid', 'unknown service');
    }
    if (!service.subOperations.some((o) => o.id === body.subOperation))
      return sendError(reply, 422, 'register:payment.invalid', 'unknown sub-operation');
    let record;
    try {
      record = await deps.payments.findPayment(body.documentNumber);
    } catch (error) {
      return sendError(reply, 503, 'register:payment.unavailable', String(error));
    }
    const result = evaluatePayment(service, body.subOperation, body, record);
    if (body.applicationId) {
      const status = result.outcome === 'confirmed' || result.outcome === 'not-required' ? 'passed' : 'failed';
      const stored = await recordPaymentCheck(deps.db, body.applicationId, request.centreId, { status, code: result.code, params: result.params }, new Date());
      if (!stored) return sendError(reply, 404, 'errors:api.notFound', 'no such application');
    }
    return result;
  });
}
