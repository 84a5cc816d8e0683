import express from 'express';

/** The ceiling: Express answering a fixed JSON body, with nothing of ours in the way. */
const app = express();
const body = { resourceType: 'Patient', id: 'fixed', name: [{ family: 'Ceiling' }] };
app.get('/fixed', (_req, res) => {
  res.json(body);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close());
