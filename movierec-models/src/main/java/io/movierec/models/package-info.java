/**
 * The models on TensorFlow Java: the two-tower recall model and the DNN ranker over one hashed
 * embedding table, their builders and hyper-parameters, save and load with the schema and hasher
 * they were trained with.
 */
@NullMarked
package io.movierec.models;

import org.jspecify.annotations.NullMarked;
