// The protocol floor plus JSON.parse of the text and the schema on every row (bench/checkingFloorServer.ts).
import { serveCheckingFloor } from './checkingFloorServer';

serveCheckingFloor(true);
