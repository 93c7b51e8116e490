import Boom from '@hapi/boom';
import type { Request, RequestRoute, ResponseObject, Server } from '@hapi/hapi';
import { errorAnswer } from './answer-schemas.ts';
import { toBoom } from './error-responses.ts';
import { type RouteAnswer, routeAnswers } from './route-answers.ts';

const declared = new WeakMap<object, Map<number | 'default', RouteAnswer>>();

function answersOf(route: RequestRoute) {
  let answers = declared.get(route.settings);
  if (!answers) {
    answers = routeAnswers(route);
    declared.set(route.settings, answers);
  }
  return answers;
}

/**
 * For tests, so that every HTTP test is also a test of the OpenAPI document: each answer's status
 * must be one its route declares (http/route-answers.ts), a success's body must fit the schema
 * declared for that status, and a failure's body must be the error body. Anything else becomes a 500
 * that says what broke (and is printed). A failure is checked as http/error-responses.ts will answer
 * it (its extension ends the onPreResponse chain, so this one runs first). hapi's own response
 * validation sees failures before that, and refuses to look at a Buffer (a PDF), hence this check.
 * Routes that declare nothing (the not-found route) are left to the test that walks the route table.
 */
export function registerAnswerCheck(server: Server): void {
  server.ext('onPreResponse', (request: Request, h) => {
    if (!request.route.settings.response?.status) return h.continue;
    const problem = breach(request);
    if (!problem) return h.continue;
    const message = `${request.method.toUpperCase()} ${request.route.path} ${problem}`;
    console.error(message);
    return h.response({ statusCode: 500, error: 'Answer outside the contract', message }).code(500);
  });
}

function breach(request: Request): string | undefined {
  const response = request.response as ResponseObject | Boom.Boom;
  const answers = answersOf(request.route);
  if (Boom.isBoom(response)) {
    const { statusCode: status, payload } = toBoom(response).output;
    if (!answers.has(status)) return `answered ${status}, which it does not declare (${list(answers)})`;
    const error = errorAnswer.validate(payload).error;
    return error && `answered ${status} with a body that is not the error body: ${error.message}`;
  }
  const answer = answers.get(response.statusCode) ?? answers.get('default');
  if (!answer) return `answered ${response.statusCode}, which it does not declare (${list(answers)})`;
  if (!answer.schema || response.variety === 'stream') return undefined;
  const error = answer.schema.validate(response.source).error;
  return error && `answered ${response.statusCode} outside its declared schema: ${error.message}`;
}

const list = (answers: Map<number | 'default', RouteAnswer>) =>
  `it declares ${[...answers.keys()].join(', ')}`;
