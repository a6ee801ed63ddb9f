// The protocol floor plus JSON.parse of the text (bench/checkingFloorServer.ts).
import { serveCheckingFloor } from './checkingFloorServer';

serveCheckingFloor(false);
