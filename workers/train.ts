// Entry point of the training worker: tfjs training, evaluation and scoring off the page's thread.
import * as Comlink from 'comlink';
import { createTrainService } from '../src/lib/services/train-service';

Comlink.expose(createTrainService());
