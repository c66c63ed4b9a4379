/**
 * Feature hashing: the slot schema (which slots a sample has and how wide), the hashers
 * (PaddleRec's, bit for bit, and Murmur3) and the encoder that turns users and movies into feasign
 * rows, the same at training and at serving time.
 */
@NullMarked
package io.movierec.features;

import org.jspecify.annotations.NullMarked;
